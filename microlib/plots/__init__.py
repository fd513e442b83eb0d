"""Plotly figure builders, one module per lesson topic. Each takes tidy data and returns a ``go.Figure``.

Builders never compute science themselves: they draw what the pure functions in ``microlib`` return, and
they style every figure through :func:`microlib.style.styled` (title, axis titles with units).
"""
