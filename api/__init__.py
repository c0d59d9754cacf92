"""The partner API (/api/v1/): one package per domain app for its
serializers, filters and views, around the plumbing every endpoint shares:

- errors.py: errors that are always JSON, with a message per field;
- pagination.py: numbered pages and keyset cursors that hold at a million rows;
- renderers.py: CSV that streams;
- throttles.py, fields.py (many-to-many fields as lists of codes), mixins.py;
- schema.py: the OpenAPI additions (DRF imports the plumbing while it defines
  its views, so the plumbing must not import the schema);
- urls.py: the router.

Partners write scripts against this, so the shapes here are a contract:
every error body is `{"detail": ..., "code": ..., "errors": {field: [...]}}`,
every list is `{"count", "next", "previous", "results"}` (count is null in
cursor mode), and `?format=csv` streams every matching row.
"""
