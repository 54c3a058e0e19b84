"""Qt item models over the values the services return."""
