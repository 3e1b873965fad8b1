"""The maintainers' tools: benchmark, exercise generator, navigation writer. Not installed.

Run them from the repository's root with ``make bench``, ``make exercises`` and
``make navigation`` (``python -m tools.bench`` and so on); they import ``tutorial_utils`` like a
notebook does, and ``tutorial_utils`` never imports them.
"""
