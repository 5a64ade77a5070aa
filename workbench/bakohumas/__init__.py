"""Bakohumas quarterly reports: format, reader, evaluation, findings, sample data, collect."""
