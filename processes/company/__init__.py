"""The company's own details — legal name, address, tax and registration ids, bank, logo —
set once by an administrator (the company page, /settings/company/) and printed on every
document it sends: quotations, invoices, credit notes and purchase orders."""
