"""Sample-data generators (synthetic Bakohumas reports and office submissions) for the demo,
tests and benchmarks. Not imported by production code paths.
"""
