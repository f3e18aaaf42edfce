"""The demo company in French and in Russian: what changes from the English one.

Each module gives NAMES (every English name, note and text of processes/demo/company.py →
its own), the company's details, currency and price factor, its tax rates and its
phone numbers and tax ids; processes/demo/dataset.py applies them.
"""
