"""A cap on the size of every uploaded file, enforced while it arrives.

Django stores an upload whole (in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE,
on disk past it) before any form sees it, so a form's size check alone lets a
2 GB body fill the disk first. This handler, first in FILE_UPLOAD_HANDLERS,
passes on at most IMPORT_MAX_UPLOAD_BYTES + 1 bytes of each file and drops the
rest as it is read: the file the form receives is then one byte too large,
and the form refuses it by its size with a message that gives the limit.
"""

import hashlib

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler


class CappedUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        room = settings.IMPORT_MAX_UPLOAD_BYTES + 1 - self.received
        if room <= 0:
            return None  # the handlers after this one never see the chunk
        raw_data = raw_data[:room]
        self.received += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file


def content_hash(upload):
    """The SHA-256 of an uploaded file, read in chunks: what tells that a
    file was imported before, whatever its name (the commitments import and
    the focal points' progress import both use it)."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
