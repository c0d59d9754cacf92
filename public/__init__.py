"""The public site: the dashboard, the catalogue of commitments, the pages of
a commitment, a maker and a coalition, and the accountability reports. It
reads the domain and never writes to it."""
