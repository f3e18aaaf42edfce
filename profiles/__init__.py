"""A person's own settings: the language the pages speak to them (docs/i18n.md)."""
