"""Standar Media Sosial: for each event and platform the organiser's account posts first,
then the KPU accounts; greetings are posted by every KPU account (``workbench posts``).

``reader`` (posting log -> ``Post``) -> ``check`` (pure findings) -> ``output``
(periksa-unggahan.csv, ringkasan-unggahan.docx) ; ``run`` (:func:`~.run.run_posts`).
"""
