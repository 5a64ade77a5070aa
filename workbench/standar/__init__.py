"""The output standards of KPU RI's public-relations work (Standar Output Kehumasan), one
folder per standard, each with the same shape: reader, pure check, outputs, notebook steps
(``job``) and library call (``run``). ``standar`` never imports ``rakor``; a meeting's data
arrive as values.
"""
