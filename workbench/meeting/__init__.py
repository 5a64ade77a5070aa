"""The meeting record (rapat): model and readers (YAML, XLSX)."""
