"""Running SpiffWorkflow for the engine: specs, sandboxed scripts, state, one step at a time."""
