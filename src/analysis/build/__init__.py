"""Build machinery of the book, apart from what a reader imports on Binder.

Generated pages and the Sphinx extension (``pages``, ``sphinxext``), widget assets (``assets``), the notebook
cache guard (``cache``), the PDF (``pdf``), the local server and Chromium settings (``site``) and the opt-in
link checker (``linkcheck``). Nothing in ``analysis``'s reader modules (load, measures, figures, maps) imports it.
"""
