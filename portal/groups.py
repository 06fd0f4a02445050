"""Staff groups made by data migrations: each may do exactly what its job needs."""

from django.contrib.auth.management import create_permissions


def staff_group_ensure(apps, *, name, app_label, codenames):
    """Create group ``name``, or reset what it may do in ``app_label`` to ``codenames``.

    ``apps`` is a migration's registry (or django.apps.apps). Permissions are normally made
    after migrations run; the app's are made here first so the group can have them.
    """
    app_config = apps.get_app_config(app_label)
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=name)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    if permissions.count() != len(set(codenames)):
        raise LookupError(f"missing permissions for the {name!r} group")
    # Only this app's permissions are replaced: another app may grant the same group its own.
    group.permissions.remove(*group.permissions.filter(content_type__app_label=app_label))
    group.permissions.add(*permissions)
    return group


def staff_group_remove(apps, *, name):
    apps.get_model("auth", "Group").objects.filter(name=name).delete()
