"""Checks on an image uploaded for an update: its name, its size and what it really is.

Like evidence (plan/measures/uploads.py), an image is accepted only when its extension
is allowed AND its bytes are that type. Pillow then reads the whole picture:
a truncated or corrupt file is refused, and so is one whose width times
height would take more memory to show than any photo needs (a "decompression
bomb": a small file that unpacks to gigabytes). An animation is refused when
all its frames together would be more than MAX_ANIMATION_PIXELS (an 8 KB GIF
can declare hundreds of frames of 6,000 by 6,000 pixels, a minute and more
than a gigabyte to unpack): its size and frames are read from the file's
headers before any of it is decoded. SVG is never accepted: it can carry script.

What is kept is the picture saved again by Pillow (`without_metadata`), not
the file as uploaded: a photo from a phone carries where and when it was
taken, and the camera's serial number, which a public site must not pass on.
"""

from __future__ import annotations

import io
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from sendprogress.core.uploads import named

# Extension -> (what Pillow calls the format, the Content-Type it is served with).
FORMATS = {
    ".png": ("PNG", "image/png"),
    ".jpg": ("JPEG", "image/jpeg"),
    ".jpeg": ("JPEG", "image/jpeg"),
    ".gif": ("GIF", "image/gif"),
    ".webp": ("WEBP", "image/webp"),
}
CONTENT_TYPES = {content_type for _, content_type in FORMATS.values()}
EXTENSIONS = {content_type: suffix for suffix, (_, content_type) in FORMATS.items()}
ALLOWED_TYPES_TEXT = "PNG, JPEG, GIF or WebP"
# 40 million pixels: a 7,000 by 5,700 photo. Far more than a web page shows.
MAX_PIXELS = 40_000_000
MAX_SIDE = 10_000
# An animation with more frames than this is a film, not a picture in an update.
MAX_FRAMES = 300
# Width times height times frames: what checking an animation and saving it
# again unpacks. 50 million is 200 frames of 500 by 500 pixels, or 50 of 1,000
# by 1,000; a still picture is held to MAX_PIXELS alone.
MAX_ANIMATION_PIXELS = 50_000_000

# The first bytes of each format, checked before Pillow is asked to read it.
_SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "GIF": (b"GIF87a", b"GIF89a"),
}


@dataclass(frozen=True)
class CheckedImage:
    content_type: str
    width: int
    height: int
    format: str


def max_upload_bytes() -> int:
    return settings.UPDATE_IMAGE_MAX_UPLOAD_MB * 1024 * 1024


def _refuse(message: str, code: str):
    return ValidationError(message, code=code)


def validate_update_image(upload) -> CheckedImage:
    """The image's real type and size, or ValidationError with a message for the form."""
    name, suffix, _ = named(upload)
    if suffix not in FORMATS:
        raise _refuse(
            f"“{name}” is not a type of picture we accept. Upload a {ALLOWED_TYPES_TEXT} file.",
            "type",
        )
    if upload.size == 0:
        raise _refuse("The file is empty.", "empty")
    if upload.size > max_upload_bytes():
        raise _refuse(
            f"The image is {upload.size / (1024 * 1024):.1f} MB. "
            f"The largest image you can upload is {settings.UPDATE_IMAGE_MAX_UPLOAD_MB} MB.",
            "size",
        )
    expected, content_type = FORMATS[suffix]
    not_real = _refuse(
        f"“{name}” is not a real {suffix[1:].upper()} picture. Open it in a picture editor, "
        "save it again as that type and upload it.",
        "signature",
    )
    if not _signature_matches(upload, expected):
        raise not_real
    width, height = _read_whole_picture(upload, expected, not_real)
    return CheckedImage(content_type=content_type, width=width, height=height, format=expected)


def without_metadata(upload, checked: CheckedImage) -> tuple[ContentFile, int, int]:
    """The picture saved again with none of the file's metadata (EXIF with its GPS
    position, XMP, comments), the right way up, and its new width and height.

    Only the colour profile is kept, so that colours look the same. Call it on a
    file that validate_update_image accepted.
    """
    out = io.BytesIO()
    upload.seek(0)
    with Image.open(upload, formats=[checked.format]) as picture:
        icc = picture.info.get("icc_profile")
        keep = {"icc_profile": icc} if icc else {}
        if checked.format == "JPEG":
            upright = ImageOps.exif_transpose(picture)
            if upright is picture:
                # Unturned: the same compression, so no quality is lost in saving again.
                picture.save(out, "JPEG", quality="keep", subsampling="keep", comment=b"", **keep)
            else:
                upright.save(out, "JPEG", quality=90, comment=b"", **keep)
            picture = upright
        elif checked.format == "PNG":
            picture = ImageOps.exif_transpose(picture)
            picture.save(out, "PNG", **keep)
        elif checked.format == "GIF":
            picture.save(out, "GIF", save_all=True, comment=b"")
        elif getattr(picture, "n_frames", 1) > 1:
            picture.save(out, "WEBP", save_all=True, quality=90, **keep)
        else:
            picture = ImageOps.exif_transpose(picture)
            picture.save(out, "WEBP", quality=90, **keep)
        width, height = picture.size
    upload.seek(0)
    return ContentFile(out.getvalue()), width, height


def _signature_matches(upload, expected: str) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if expected == "WEBP":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head.startswith(_SIGNATURES[expected])


_STRICT = threading.Lock()


@contextmanager
def _truncated_pictures_refused():
    """Make Pillow fail on a cut-short file while checking one.

    WeasyPrint (the progress reports' PDFs) sets Pillow's LOAD_TRUNCATED_IMAGES
    for the whole process when it is imported, after which Pillow quietly fills
    in the missing part of a broken picture instead of saying it is broken.
    """
    with _STRICT:
        was = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = was


def _frames(upload, picture) -> int:
    """How many frames the picture has, from its headers (at most MAX_FRAMES + 1 of a GIF's).

    Pillow counts a GIF's frames by working through each one, which for a
    crafted file with hundreds of thousands of them takes seconds; walking the
    GIF's blocks ourselves stops as soon as there are too many.
    """
    if picture.format != "GIF":
        return getattr(picture, "n_frames", 1)
    where = upload.tell()  # Pillow reads on from here: put it back after
    upload.seek(0)
    data = upload.read()
    upload.seek(where)
    return _gif_frames(data, cap=MAX_FRAMES + 1)


def _gif_frames(data: bytes, *, cap: int) -> int:
    """The image blocks in a GIF (its frames), counting no further than `cap`."""

    def colour_table(flags: int) -> int:
        return 3 * (2 << (flags & 7)) if flags & 0x80 else 0

    def after_sub_blocks(position: int) -> int:
        while position < len(data) and data[position]:
            position += data[position] + 1
        return position + 1

    position = 13 + colour_table(data[10]) if len(data) > 10 else len(data)
    frames = 0
    while position < len(data) and frames < cap:
        block = data[position]
        if block == 0x21:  # an extension: its label, then sub-blocks
            position = after_sub_blocks(position + 2)
        elif block == 0x2C and position + 10 < len(data):  # an image
            frames += 1
            position += 10 + colour_table(data[position + 9]) + 1  # + LZW code size
            position = after_sub_blocks(position)
        else:  # the end, or not a GIF (Pillow says so when it reads the pixels)
            break
    return max(frames, 1)


def _refuse_too_many_frames(frames: int, width: int, height: int) -> None:
    if frames > MAX_FRAMES or (frames > 1 and width * height * frames > MAX_ANIMATION_PIXELS):
        counted = f"more than {MAX_FRAMES:,}" if frames > MAX_FRAMES else f"{frames:,}"
        raise _refuse(
            f"The animation is too large: it has {counted} frames of {width:,} by "
            f"{height:,} pixels. Make it smaller or give it fewer frames, then upload it again.",
            "frames",
        )


def _read_whole_picture(upload, expected: str, not_real: ValidationError) -> tuple[int, int]:
    """Decode every pixel, so that a broken file fails here and not on a reader's screen."""
    too_big = _refuse(
        f"The picture is too large to show on a web page. Make it smaller than "
        f"{MAX_SIDE:,} pixels on each side and upload it again.",
        "dimensions",
    )
    try:
        with _truncated_pictures_refused(), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload, formats=[expected]) as picture:
                width, height = picture.size
                if width < 1 or height < 1:
                    raise not_real
                if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                    raise too_big
                # Ours first, which stops early; then Pillow's own, which saving
                # it again will go by, in case the two ever read a file differently.
                _refuse_too_many_frames(_frames(upload, picture), width, height)
                frames = getattr(picture, "n_frames", 1)
                _refuse_too_many_frames(frames, width, height)
                picture.load()
                for frame in range(1, frames):
                    # Every frame of an animation is read, not just the first.
                    picture.seek(frame)
                    picture.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_real from None
    finally:
        upload.seek(0)
    return width, height
