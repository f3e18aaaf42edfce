"""The web pages; each module is one area (API.md "Web pages")."""
