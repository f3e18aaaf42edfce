"""Helpers the business apps share: errors, API permissions and filters, updates."""
