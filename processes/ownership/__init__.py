"""Processes own their documents.

A document that a process created (a sales order, a purchase order, a manufacturing
order, a shipment) is moved through its steps by that process while the instance runs.
A direct call (the API, a page) that would take one of those steps is refused with a
409 naming the process, the instance and its stage, and changes nothing — so a process
owner who adds an approval step to `sales` can rely on it.

- `services.document_claim` remembers which instance created a document (the creating
  connectors call it; `engine.connectors.calling_instance_id` says which instance runs).
- `selectors.owning_instance(document)` answers the instance while it has not ended.
- `guard.require_outside_process(document, step=...)` is what the API and pages ask.
"""
