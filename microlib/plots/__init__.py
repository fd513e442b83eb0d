"""Plotly figure builders, one module per lesson topic. Each takes tidy data and returns a ``go.Figure``.

Builders never compute science themselves: they draw what the pure functions in ``microlib`` return. Each
describes its figure as plain dicts and builds it once with :func:`microlib.style.figure` (the look of
:func:`microlib.style.styled`: template, title, axis titles with units), so plotly checks it once instead of
after every added trace, shape or annotation; that made the lessons' figures several times faster to build.
"""
