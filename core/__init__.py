"""The base every other package may import: helpers with no knowledge of the
domain or of the rooms (validation errors, queueing a job after commit)."""
