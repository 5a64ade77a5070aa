"""The commands of the output standards (:mod:`workbench.standar`), one module per standard
(``foto``, ``unggahan``, ``livestream``), registered in :data:`workbench.cli.STANDAR_COMMANDS`."""
