"""The generated logo: the brand's colours where they belong, a transparent margin, the same bytes each time."""

from __future__ import annotations

import io

from PIL import Image

from briefing_builder.render.brand_logo import LOGO_HEIGHT_PX, png_size, render_logo

TILE, MONOGRAM, WORDMARK = "1B2A4A", "FFFFFF", "C9A227"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_the_same_brand_draws_the_same_bytes_without_metadata() -> None:
    first = render_logo("EU", "Migration Strategy", TILE, MONOGRAM, WORDMARK)
    assert first == render_logo("EU", "Migration Strategy", TILE, MONOGRAM, WORDMARK)
    image = _image(first)
    assert image.mode == "RGBA" and not {"date", "Software", "Creation Time"} & set(image.info)


def test_the_tile_the_monogram_and_the_wordmark_use_their_colours() -> None:
    image = _image(render_logo("EU", "Migration Strategy", TILE, MONOGRAM, WORDMARK))
    width, height = image.size
    assert height == LOGO_HEIGHT_PX and width > height  # the wordmark follows the tile
    assert image.getpixel((4, 4)) == (*_rgb(TILE), 255)  # the tile's corner
    tile = {image.getpixel((x, y))[:3] for x in range(height) for y in range(0, height, 4)}
    assert _rgb(MONOGRAM) in tile  # the monogram (and the rule) on the tile
    words = {image.getpixel((x, y)) for x in range(height, width, 2) for y in range(0, height, 2)}
    assert (*_rgb(WORDMARK), 255) in words  # solid wordmark strokes
    assert (0, 0, 0, 0) in words  # and a transparent background between them
    assert not any(pixel[:3] == _rgb(TILE) and pixel[3] == 255 for pixel in words)


def test_two_words_stack_and_an_empty_wordmark_leaves_the_tile_alone() -> None:
    def size(wordmark: str) -> tuple[int, int]:
        return png_size(render_logo("EU", wordmark, TILE, MONOGRAM, WORDMARK))

    # two words: one above the other, as wide as the longer word; three words stay on one line
    assert size("Migration Strategy") == max(size("Migration"), size("Strategy"))
    assert size("Migration Strategy Now")[0] > size("Migration Strategy")[0]
    assert size("Migration Strategy Now")[1] == LOGO_HEIGHT_PX
    assert png_size(render_logo("EU", "", TILE, MONOGRAM, WORDMARK)) == (LOGO_HEIGHT_PX, LOGO_HEIGHT_PX)
