"""Renders lines of text into an RGB image (black on white) with Pillow and a Debian font."""
from PIL import Image, ImageDraw, ImageFont

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render_lines(lines, font_path=DEFAULT_FONT, font_size=32, margin=24, spacing=28):
    """Returns a PIL RGB image with one text line per entry, left-aligned, top to bottom."""
    font = ImageFont.truetype(font_path, font_size)
    boxes = [font.getbbox(line) for line in lines]
    width = max(b[2] for b in boxes) + 2 * margin
    line_height = max(b[3] for b in boxes)
    height = 2 * margin + len(lines) * line_height + (len(lines) - 1) * spacing
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    y = margin
    for line in lines:
        draw.text((margin, y), line, fill="black", font=font)
        y += line_height + spacing
    return image
