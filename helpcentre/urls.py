from django.urls import path
from django.utils.translation import gettext_lazy as _

from helpcentre import views

urlpatterns = [
    path(_("help/"), views.help_index, name="help_index"),
    path(_("help/how-to-sign-in/"), views.how_to_sign_in, name="help_how_to_sign_in"),
    path(_("help/questions/<slug:slug>/"), views.help_topic, name="help_topic"),
    path(_("search/"), views.search, name="search"),
]
