from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Record the language a person signed up in, so e-mails reach them in it."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = getattr(request, "LANGUAGE_CODE", "nb")
        user.language = language if language in ("nb", "en") else "nb"
        if commit:
            user.save()
        return user
