"""Rakor readers: the only code that parses rakor input files (YAML/XLSX meeting records,
roster CSV/XLSX, Zoom participants reports). They return validated records or raise
``InputError``/``InputErrors`` naming file, row and field. Analysis modules never import them.
"""
