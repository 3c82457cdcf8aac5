"""Extractors: spaCy components that turn an article's Doc into typed records."""

from .pipeline import build_pipeline, extract_records, load_model

__all__ = ["build_pipeline", "extract_records", "load_model"]
