from django.contrib.auth import get_user_model

import factory
from allauth.account.models import EmailAddress

from accounts import roles
from accounts.models import ApprovalStatus, ProfessionalRole, Region

PASSWORD = "een-goed-wachtwoord-42"


def _join_group(default: str | None):
    def join(obj, create, extracted, **kwargs):
        name = extracted or default
        if create and name:
            roles.add_to_group(obj, name)

    return factory.PostGeneration(join)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.Sequence(lambda n: f"gebruiker{n}@voorbeeld.be")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    organisation = "OCMW Voorbeeldstad"
    region = Region.ANTWERPEN
    role = ProfessionalRole.CASEMANAGER_ZORG
    approval_status = ApprovalStatus.APPROVED

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    # The role group to join, by name: UserFactory(group=roles.MEMBER).
    group = _join_group(None)


class MemberFactory(UserFactory):
    group = _join_group(roles.MEMBER)


class PolicyWorkerFactory(UserFactory):
    group = _join_group(roles.POLICY_WORKER)


class StaffFactory(UserFactory):
    group = _join_group(roles.SAM_STAFF)


class PendingUserFactory(UserFactory):
    approval_status = ApprovalStatus.PENDING
