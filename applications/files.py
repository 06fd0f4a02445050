"""Letters from IRCC, handed out as downloads (to the applicant, and to staff in the admin)."""

from portal.files import file_download


def letter_response(message):
    """``message``'s letter as a download (see portal.files.file_download)."""
    return file_download(
        message.letter,
        filename=message.letter_name or "letter.pdf",
        content_type="application/pdf",
    )
