"""Login, logout and the start page."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect

from web.access import employee_page, home_url


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    next_page = "/login/"


@employee_page
def home(request):
    """Each person starts where their groups work: dashboard, processes or the inbox."""
    return redirect(home_url(request.user))
