"""sme-assess: digital-transformation readiness assessment for manufacturing SMEs."""

__version__ = "0.1.0"
