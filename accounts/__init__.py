"""Accounts: sign-up with email confirmation, log in and out, password
change and reset, in gentrack's own templates."""
