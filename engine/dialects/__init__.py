"""What other engines' diagrams mean, translated into what this engine runs."""
