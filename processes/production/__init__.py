"""Making things: bills of materials and manufacturing orders."""
