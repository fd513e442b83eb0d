"""Thin ipywidgets apps: controls wired to pure ``microlib`` functions and figure builders.

Each ``build_*`` function returns an app object whose ``.widget`` is displayed by the notebook and whose
controls and outputs are attributes, so tests can set values and assert on what changed without a browser.
Callbacks only call library functions and update widgets in place; they hold no science or rules.
"""
