"""Resized copies of a featured image: a card for lists and a social preview (OpenGraph)."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

RENDITIONS = {"card": (640, 360), "social": (1200, 630)}


def rendition_name(name, rendition):
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{rendition}.jpg"))


def rendition_url(image, rendition):
    return image.storage.url(rendition_name(image.name, rendition))


def make_renditions(image):
    """Write each missing rendition next to the original; a broken image gets none."""
    storage = image.storage
    missing = {
        rendition: size
        for rendition, size in RENDITIONS.items()
        if not storage.exists(rendition_name(image.name, rendition))
    }
    if not missing:
        return
    try:
        with storage.open(image.name, "rb") as handle:
            original = ImageOps.exif_transpose(Image.open(handle)).convert("RGB")
    except (UnidentifiedImageError, OSError):
        return
    for rendition, size in missing.items():
        copy = ImageOps.fit(original, size, Image.Resampling.LANCZOS)
        buffer = BytesIO()
        copy.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        storage.save(rendition_name(image.name, rendition), ContentFile(buffer.getvalue()))
