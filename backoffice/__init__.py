"""The secretariat's back office: the Django admin, with its review queues,
decisions, merges, spreadsheet imports and exports, reporting cycles and
accountability report compiles. Every decision goes through the domain's
services."""
