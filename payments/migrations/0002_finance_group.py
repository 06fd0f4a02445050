from django.db import migrations

from portal.groups import staff_group_ensure

FINANCE = "finance"
# Frozen: finance staff read payments and provider events, and record refunds.
PERMISSIONS = ["view_payment", "refund_payment", "view_webhookevent"]


def grant(apps, schema_editor):
    staff_group_ensure(apps, name=FINANCE, app_label="payments", codenames=PERMISSIONS)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FINANCE).delete()


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunPython(grant, revoke)]
