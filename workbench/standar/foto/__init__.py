"""Standar Foto: documentation photos not blurred, not too dark or bright, of enough
resolution and without duplicates (``workbench photos``, ``notebooks/foto_kegiatan.ipynb``).

``reader`` (files -> photos) -> ``check`` (pure measures and flags) -> ``output`` (the
contact sheet) ; ``job`` (the notebook's steps; the photo reading and cache the rakor notula
shares) ; ``display`` (the notebook's table) ; ``run`` (:func:`~.run.run_photos`) ;
``templates`` (template kind ``periksa-foto``).
"""
