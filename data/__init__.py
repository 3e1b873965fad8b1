"""The bundled data files, installed as the package ``tutorial_utils.data``.

This folder is the one place the files live: ``pyproject.toml`` maps the package onto it
(``[tool.setuptools.package-dir]``), and ``tutorial_utils.datasets`` reads the files with
``importlib.resources``. See README.md here for each file's source, licence and checksum.
"""
