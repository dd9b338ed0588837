"""Never compares the shapes of x and y: y of shape (1, n) against x of shape (2, n)
broadcasts silently and fits something, and a negative n_steps returns the unfitted model."""
CATCHES = ["fit_linear_model_rejects_bad_arguments"]


def fit_linear_model(x, y, n_steps=500, lr=0.1):
    model = LinearModel()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss = torch.mean((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()
    return model
