"""The gettext catalogs, and the translator that renders ``Text`` in the reader's language."""

from locales.translator import (
    CATALOG_DIR,
    LANGUAGES,
    CatalogError,
    Translator,
    translator,
)

__all__ = ["CATALOG_DIR", "LANGUAGES", "CatalogError", "Translator", "translator"]
