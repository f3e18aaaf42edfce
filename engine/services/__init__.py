"""The engine's writes. Each public function is one transaction holding the instance's lock."""
