"""Parameters from torch.zeros([]) and forward as torch.add(torch.mul(...), ...)."""


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.zeros([]))
        self.intercept = torch.nn.Parameter(torch.zeros([]))

    def forward(self, x):
        return torch.add(torch.mul(x, self.slope), self.intercept)
