"""Extraction stages: each reads and annotates the Article carrier.

(Named `extractors`, not `extract`, so that the package never shadows the public `trocha.extract()`.)
"""
