"""In-app notifications: what happened that a person should act on (a task given to them)."""
