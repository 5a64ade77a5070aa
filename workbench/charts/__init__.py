"""Charts: functions that take tables and return a matplotlib Figure (the caller saves it)."""
