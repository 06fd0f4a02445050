"""The help topics move from `portal` to the help centre, with their table and their data.

State only: the table `portal_helptopic` stays as it is (its rows, its generated search columns
and GIN indexes from portal 0003); this app now owns it. The content type is renamed, so the
permissions that point at it (the content editors') follow the model.
"""

from django.db import migrations, models


def content_type_move(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="portal", model="helptopic").update(
        app_label="helpcentre"
    )


def content_type_move_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="helpcentre", model="helptopic").update(
        app_label="portal"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("portal", "0005_cache_table"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(content_type_move, content_type_move_back),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='HelpTopic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('signing-in', 'Signing in'), ('gckey', 'GCKey'), ('partner', 'Sign-In Partner'), ('two-step', 'Two-step verification'), ('applications', 'Applications and status'), ('technical', 'Technical problems')], max_length=20, verbose_name='category')),
                ('question', models.CharField(blank=True, max_length=250, verbose_name='question')),
                ('question_en', models.CharField(blank=True, max_length=250, null=True, verbose_name='question')),
                ('question_fr', models.CharField(blank=True, max_length=250, null=True, verbose_name='question')),
                ('slug', models.SlugField(blank=True, help_text="The end of the page's address; made from the question when left empty.", max_length=100, verbose_name='address')),
                ('slug_en', models.SlugField(blank=True, help_text="The end of the page's address; made from the question when left empty.", max_length=100, null=True, verbose_name='address')),
                ('slug_fr', models.SlugField(blank=True, help_text="The end of the page's address; made from the question when left empty.", max_length=100, null=True, verbose_name='address')),
                ('answer', models.TextField(blank=True, help_text='HTML limited to paragraphs, lists, emphasis and links; anything else is removed when saved.', verbose_name='answer')),
                ('answer_en', models.TextField(blank=True, help_text='HTML limited to paragraphs, lists, emphasis and links; anything else is removed when saved.', null=True, verbose_name='answer')),
                ('answer_fr', models.TextField(blank=True, help_text='HTML limited to paragraphs, lists, emphasis and links; anything else is removed when saved.', null=True, verbose_name='answer')),
                ('answer_text', models.TextField(blank=True, default='', editable=False)),
                ('answer_text_en', models.TextField(blank=True, default='', editable=False, null=True)),
                ('answer_text_fr', models.TextField(blank=True, default='', editable=False, null=True)),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('on_signin_page', models.BooleanField(default=False, help_text="Listed under the sign-in page's frequently asked questions.", verbose_name='listed on the sign-in page')),
                ('is_published', models.BooleanField(default=False, help_text='Only a topic written in both English and French can be published.', verbose_name='published')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last modified')),
            ],
            options={
                'verbose_name': 'help topic',
                'verbose_name_plural': 'help topics',
                'db_table': 'portal_helptopic',
                'ordering': ['category', 'order', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('slug_en',), name='helptopic_unique_slug_en'), models.UniqueConstraint(fields=('slug_fr',), name='helptopic_unique_slug_fr')],
            },
        )]),
    ]
