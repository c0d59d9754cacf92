"""The years a commitment, deliverable or indicator may name."""

# Commitments are made for the Generation Equality period and a little beyond;
# years outside this window are typing mistakes, not plans.
FIRST_YEAR = 2015
LAST_YEAR = 2050
