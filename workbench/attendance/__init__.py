"""Attendance: readers (roster CSV/XLSX, Zoom participants report) and merging."""
