"""Reading uploads into validated process specs: bundle → XML → dialects → SpiffWorkflow."""
