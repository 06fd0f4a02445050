"""The help centre's part of other apps' pages, so that the site never imports the help centre.

The sign-in page caches its body per version of the topics it lists, and reads the topics only
when that fragment is rendered again.
"""

from django import template
from django.utils.translation import get_language

from helpcentre.selectors import help_topic_links_signin, help_topics_signin_version

register = template.Library()


@register.simple_tag
def signin_faq_version():
    return help_topics_signin_version()


@register.simple_tag
def signin_faq_links():
    return help_topic_links_signin(language=get_language())
